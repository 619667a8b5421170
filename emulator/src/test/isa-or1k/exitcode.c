/* Exits with status 7 after one line: the exit status reaches the caller. */
#include "rt.h"

int main(void)
{
    put_str(1, "exiting with status 7\n");
    return 7;
}
