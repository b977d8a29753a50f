/* uartsrv.h - the protocol of the UART driver example: an extended call of
 * up to UARTSRV_MAX bytes is written to UART0; the reply's MR0 is the count;
 * an empty request ends the client's session. */
#ifndef UARTSRV_H
#define UARTSRV_H
#define UARTSRV_MAX 256u
#endif
