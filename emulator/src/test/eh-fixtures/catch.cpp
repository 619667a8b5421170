// Landing pads for the personality tests: a cleanup (a destructor), catch (int), catch (long) and
// catch (...). ARTIQ's personality matches a catch clause when the first word of the type-info
// object equals the exception id; typeinfo.c defines _ZTIi and _ZTIl as such words.
extern "C" void kernel_raise(int id);
extern "C" void note(int value);
extern "C" int entered(int value);

struct Guard {
    int value;
    ~Guard() { note(value); }
};

extern "C" __attribute__((noinline)) int inner(int id) {
    Guard g{id + 100};
    kernel_raise(id);
    return id + 1;
}

extern "C" int catch_int(int id) {
    int kept = entered(id);
    try {
        return inner(id) * 2;
    } catch (int) {
        return kept - 1;
    }
}

extern "C" int catch_long(int id) {
    try {
        return inner(id) * 3;
    } catch (long) {
        return -3;
    }
}

extern "C" int catch_all(int id) {
    int kept = entered(id);
    try {
        return inner(id) * 4;
    } catch (...) {
        return kept - 2;
    }
}

extern "C" int no_catch(int id) {
    return inner(id) + 5;
}

extern "C" int nested(int id) {
    try {
        return catch_long(id) + 7;
    } catch (int) {
        return -4;
    }
}
