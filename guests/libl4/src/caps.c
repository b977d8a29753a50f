/*
 * caps.c - libl4: finding one's IPC peers among one's capabilities (a
 * manifest's [[container.ipc]] entries become IPC caps naming the other
 * container's pager, so a program learns whom it may call by reading them).
 */
#include "l4/l4.h"

#define MAX_CAPS 64

int l4_peers(l4_tid_t *peers, int max)
{
    static struct l4_cap caps[MAX_CAPS];
    uint32_t self_container = l4_tid_container(l4_myself());
    int n = l4_cap_read(caps, MAX_CAPS);
    if (n < 0)
        return n;
    int found = 0;
    for (int i = 0; i < n && found < max; i++) {
        if (caps[i].type == L4_CAPTYPE_IPC && caps[i].target_kind == L4_CAPTARGET_THREAD
            && l4_tid_container(caps[i].target) != self_container
            && (caps[i].rights & L4_CAPR_IPC_SEND)) {
            int seen = 0;
            for (int j = 0; j < found; j++)
                seen |= peers[j] == caps[i].target;
            if (!seen)
                peers[found++] = caps[i].target;
        }
    }
    return found;
}
