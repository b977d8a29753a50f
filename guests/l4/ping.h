/* ping.h - the protocol of the ping-pong example: a call carries n in MR0 and
 * gets n + 1 back; PING_GOODBYE ends a client's session (the reply carries
 * the calls the server has answered so far). */
#ifndef PING_H
#define PING_H
#define PING_ROUNDS  1000u
#define PING_GOODBYE 0x600DB1E5u
#endif
