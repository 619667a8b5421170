/*
 * RPC calls written by hand the way ARTIQ's compiler emits them
 * (artiq/compiler/transforms/llvm_ir_generator.py, _build_rpc and _build_rpc_recv): the tag is a
 * CSlice passed by pointer, the arguments an array with one pointer per argument tag, and the
 * return value comes back through rpc_recv, called in a loop that allocas whatever it asks for.
 */
typedef struct { const char *data; unsigned length; } cslice;
typedef struct { void *elements; unsigned length; } list;   /* a kernel list is a pointer to this */
struct flag_count { _Bool flag; long long count; };           /* the tuple (bool, int64) */

void rpc_send(unsigned service, const cslice *tag, void *const *args);
void rpc_send_async(unsigned service, const cslice *tag, void *const *args);
unsigned rpc_recv(void *slot);

/* print(42, 2.5, "volts", [1, 2, 3], (True, 7)) as async RPC to service 1 */
void print_values(void) {
    static const char tag_bytes[] = "ifslit\x02" "bI:n";
    cslice tag = {tag_bytes, sizeof tag_bytes - 1};
    int a = 42;
    double b = 2.5;
    cslice c = {"volts", 5};
    int elements[3] = {1, 2, 3};
    list l = {elements, 3};
    list *lp = &l;
    struct flag_count t = {1, 7};
    void *args[5] = {&a, &b, &c, &lp, &t};
    rpc_send_async(1, &tag, args);
}

/* sum(get_counts("pmt", n)) where get_counts is service 2: (str, int32) -> list(int32) */
int sum_counts(int n) {
    static const char tag_bytes[] = "si:li";
    cslice tag = {tag_bytes, sizeof tag_bytes - 1};
    cslice name = {"pmt", 3};
    void *args[2] = {&name, &n};
    rpc_send(2, &tag, args);

    list *result;
    void *slot = &result;
    unsigned size;
    while ((size = rpc_recv(slot)) != 0) slot = __builtin_alloca(size);

    int sum = 0;
    for (unsigned i = 0; i < result->length; i++) sum += ((int *)result->elements)[i];
    return sum;
}

/* len(greeting()) * 256 + ord(greeting()[0]) where greeting is service 3: () -> str */
int greeting_code(void) {
    static const char tag_bytes[] = ":s";
    cslice tag = {tag_bytes, sizeof tag_bytes - 1};
    void *args[1] = {0};
    rpc_send(3, &tag, args);

    cslice result;
    void *slot = &result;
    unsigned size;
    while ((size = rpc_recv(slot)) != 0) slot = __builtin_alloca(size);
    return (int)result.length * 256 + (unsigned char)result.data[0];
}
