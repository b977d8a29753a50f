/*
 * ipc.c - libl4: the extended-tier conveniences over l4_ipc_flags (the buffer
 * address travels in MR5; docs/ipc.md).
 */
#include "l4/l4.h"

#define EXT_MR 5

int l4_send_extended(l4_tid_t to, uint32_t mr[L4_MR_COUNT], const void *buf, uint32_t size)
{
    mr[EXT_MR] = (uint32_t)buf;
    return l4_ipc_flags(to, L4_NILTHREAD, L4_IPC_EXT(EXT_MR, size), mr, 0);
}

static int extended(l4_tid_t to, l4_tid_t from, uint32_t mr[L4_MR_COUNT], void *buf, uint32_t size,
                    uint32_t *received_size)
{
    uint32_t got = 0;
    mr[EXT_MR] = (uint32_t)buf;
    int r = l4_ipc_flags(to, from, L4_IPC_EXT(EXT_MR, size), mr, &got);
    if (received_size) {
        *received_size = r == 0 ? L4_IPC_SIZE(got) : 0;
    }
    return r;
}

int l4_receive_extended(l4_tid_t from, uint32_t mr[L4_MR_COUNT], void *buf, uint32_t size,
                        uint32_t *received_size)
{
    return extended(L4_NILTHREAD, from, mr, buf, size, received_size);
}

int l4_call_extended(l4_tid_t to, uint32_t mr[L4_MR_COUNT], void *buf, uint32_t size,
                     uint32_t *received_size)
{
    return extended(to, to, mr, buf, size, received_size);
}
