package org.coredev.dds;

import java.util.ArrayList;
import java.util.List;

/** The {@link DdsIssue}s of a run, in the order the model found them (time order). */
public final class IssueLog {
    private final List<DdsIssue> issues = new ArrayList<>();

    /** Records an error. */
    public void error(String channel, long timeMu, String message) {
        issues.add(new DdsIssue(DdsIssue.Severity.ERROR, channel, timeMu, message));
    }

    /** Records a warning. */
    public void warning(String channel, long timeMu, String message) {
        issues.add(new DdsIssue(DdsIssue.Severity.WARNING, channel, timeMu, message));
    }

    /** All issues so far. */
    public List<DdsIssue> all() {
        return List.copyOf(issues);
    }

    /** The errors only. */
    public List<DdsIssue> errors() {
        return issues.stream().filter(i -> i.severity() == DdsIssue.Severity.ERROR).toList();
    }

    /** The warnings only. */
    public List<DdsIssue> warnings() {
        return issues.stream().filter(i -> i.severity() == DdsIssue.Severity.WARNING).toList();
    }
}
