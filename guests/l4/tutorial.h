/* tutorial.h - the protocol of the tutorial's two containers (docs/tutorial.md,
 * examples/tutorial): the requests the client makes of the server's two threads,
 * and where the shared window lies. */
#ifndef TUTORIAL_H
#define TUTORIAL_H
#include "l4/l4.h"

/* MR0 of a request to the server's pager (short or full tier) */
#define TUT_HELLO 1         /* reply: MR2 the window's physical address, MR3 its pages, MR4 the extended thread */
#define TUT_SUM   2         /* full tier: MR2 words of the UTCB to add; reply MR2 = the sum */
#define TUT_BYE   3         /* the last request: the server reads the window and ends */
/* MR0 of a request to the server's extended thread (extended tier) */
#define TUT_UPPER 4         /* the bytes come back in upper case */
#define TUT_DONE  5         /* the thread ends */

#define TUT_WINDOW_PAGES 2
#define TUT_SERVER_WINDOW 0x40000000u   /* where the server maps the window */
#define TUT_CLIENT_WINDOW 0x50000000u   /* where the client maps the same frames */
#define TUT_REPLY_OFFSET  256           /* the client writes its answer here */

/* physical-memory cap rights (CapRights.Memory, docs/capabilities.md) */
#define TUT_MEM_READ   1u
#define TUT_MEM_WRITE  2u
#define TUT_MEM_CACHED 8u

#endif
