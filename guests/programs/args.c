/*
 * args.c - the semihosting command line (SYS_GET_CMDLINE, split into argv
 * by rdimon-crt0). Prints argc and argv[1..] (argv[0] is the program name,
 * which differs between runners, so it is only checked for being
 * non-empty), parses numeric arguments with strtol base 0 and exits with
 * status 30 + argc (31 with no arguments).
 * The reference run (programs/args.args) passes: alpha 12 -7 0x10 0777 x,y
 */
#include <stdlib.h>
#include <string.h>
#include "guest.h"

int main(int argc, char **argv)
{
    long sum = 0;
    int i, numeric = 0;

    printf("args: argc = %d, argv[0] %s\n", argc,
           argc > 0 && argv[0] && argv[0][0] ? "present" : "MISSING");
    for (i = 1; i < argc; i++) {
        char *end;
        long v = strtol(argv[i], &end, 0);
        int isnum = *argv[i] && *end == 0;
        printf("  argv[%d] = \"%s\" (%u chars)%s", i, argv[i], (unsigned)strlen(argv[i]),
               isnum ? "" : "\n");
        if (isnum) {
            printf(" = %ld\n", v);
            sum += v;
            numeric++;
        }
        ck_str(argv[i]);
    }
    printf("  argv[argc] is %s\n", argv[argc] ? "NOT NULL" : "NULL");
    printf("  %d numeric arguments, sum %ld\n", numeric, sum);
    ck_u32((uint32_t)sum);
    print_summary("args");
    return 30 + argc;
}
