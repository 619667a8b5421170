# Sourced by ./coredev and ./test: sets JAVA_HOME to a JDK >= 25, or exits with what to install.
# Order: $JAVA_HOME if it is new enough, then the newest JDK under /usr/lib/jvm.
coredev_jdk_major() {  # prints the feature version of the JDK at $1, or nothing
  [ -x "$1/bin/javac" ] || return 0
  # The JDK's release file names its version; reading it is 100 ms faster than starting java.
  local v
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null | head -n 1)
  if [ -n "$v" ]; then echo "$v"; return 0; fi
  "$1/bin/java" -XshowSettings:properties -version 2>&1 |
    sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p' | head -n 1
}
coredev_find_jdk() {
  local candidate major
  if [ -n "${JAVA_HOME:-}" ]; then
    major=$(coredev_jdk_major "$JAVA_HOME")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then return 0; fi
  fi
  for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    candidate=${candidate%/}
    major=$(coredev_jdk_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 25 ]; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "coredev needs a JDK 25 or newer; none found in \$JAVA_HOME or /usr/lib/jvm." >&2
  echo "Install one, e.g. 'apt-get install temurin-25-jdk' (Adoptium) or 'apt-get install openjdk-25-jdk', or set JAVA_HOME." >&2
  exit 1
}
coredev_find_jdk
export PATH="$JAVA_HOME/bin:$PATH"
