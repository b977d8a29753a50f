/*
 * suspend.c - kernel test: SUSPEND takes a thread out of a blocking call,
 * which returns -EINTR when the thread is RUN again; DESTROY abandons one.
 *  R: blocked receiving from main (which never sends)   -> suspend, run: -EINTR
 *  S: blocked sending to main (which never receives)     -> suspend, run: -EINTR
 *  M2: blocked in MUTEX_LOCK                              -> suspend: UNLOCK finds
 *      no waiter; run: -EINTR
 *  W: blocked in WAIT on its own child X                  -> suspend, run: -EINTR;
 *      W then lets X finish and WAITs again: X's code
 *  M: blocked in MUTEX_LOCK                               -> destroy: main's WAIT
 *      gives -ESRCH and UNLOCK finds no waiter
 */
#include "l4test.h"

static l4_tid_t main_tid;
static volatile uint32_t started[5];
static volatile int32_t result[5] = { 1, 1, 1, 1, 1 };
static volatile uint32_t done[5];
static volatile uint32_t m_word = L4_MUTEX_CONTENDED, m2_word = L4_MUTEX_CONTENDED;
static volatile uint32_t x_go;
static volatile int32_t w_second = 1;

enum { R, S, M2, W, M };

static int receiver(void *arg)
{
    (void)arg;
    uint32_t mr[L4_MR_COUNT] = { 0 };
    started[R] = 1;
    result[R] = l4_receive(main_tid, mr);
    done[R] = 1;
    return 0;
}

static int sender(void *arg)
{
    (void)arg;
    uint32_t mr[L4_MR_COUNT] = { 0x5E4D, 0, 0, 0, 0, 0 };
    started[S] = 1;
    result[S] = l4_send(main_tid, mr);
    done[S] = 1;
    return 0;
}

static int locker(void *arg)
{
    uint32_t i = (uint32_t)arg;
    volatile uint32_t *w = i == M ? &m_word : &m2_word;
    started[i] = 1;
    result[i] = l4_mutex_control(w, L4_MUTEX_LOCK, L4_MUTEX_CONTENDED);
    done[i] = 1;
    return 0;
}

static int child_x(void *arg)
{
    (void)arg;
    wait_flag(&x_go, 1, ~0u);
    return 33;
}

static int waiter(void *arg)
{
    (void)arg;
    int x = l4_thread_start(child_x, 0, stack_top(5), 6, -1, 0);
    if (x <= 0) {
        result[W] = x;
        return 1;
    }
    started[W] = 1;
    result[W] = l4_wait((l4_tid_t)x);
    done[W] = 1;
    x_go = 1;
    w_second = l4_wait((l4_tid_t)x);
    return 0;
}

/* Start thread i and let it get into its blocking call. */
static int start_blocked(const char *name, l4_thread_fn fn, uint32_t i)
{
    int t = l4_thread_start(fn, (void *)i, stack_top(i), 1 + i, -1, 0);
    char what[48];
    l4_snprintf(what, sizeof what, "start %s", name);
    if (!CHECK(what, t > 0 ? 0 : t, 0))
        return t;
    l4_snprintf(what, sizeof what, "%s started", name);
    CHECK_TRUE(what, wait_flag(&started[i], 1, 1000000));
    settle(3);
    l4_snprintf(what, sizeof what, "%s still blocked", name);
    CHECK(what, done[i], 0);
    return t;
}

/* Suspend thread t (index i), check it stays out, run it, expect -EINTR. */
static void suspend_resume(const char *name, int t, uint32_t i, volatile uint32_t *word)
{
    char what[64];
    struct exregs r;
    l4_snprintf(what, sizeof what, "suspend %s", name);
    CHECK(what, l4_suspend((l4_tid_t)t), 0);
    l4_snprintf(what, sizeof what, "read suspended %s", name);
    CHECK(what, read_regs((l4_tid_t)t, &r), 0);
    if (word) {
        l4_snprintf(what, sizeof what, "unlock after suspending %s wakes nobody", name);
        CHECK(what, l4_mutex_control(word, L4_MUTEX_UNLOCK, 0), 0);
    }
    settle(1);
    l4_snprintf(what, sizeof what, "%s does not return while suspended", name);
    CHECK(what, done[i], 0);
    l4_snprintf(what, sizeof what, "run %s again", name);
    CHECK(what, l4_run((l4_tid_t)t), 0);
    l4_snprintf(what, sizeof what, "%s exits", name);
    CHECK(what, l4_wait((l4_tid_t)t), 0);
    l4_snprintf(what, sizeof what, "%s's blocked call", name);
    CHECK(what, result[i], -L4_EINTR);
}

int main(void)
{
    main_tid = l4_myself();
    l4_printf("suspend: blocked calls interrupted by suspend, abandoned by destroy\n");

    int t = start_blocked("receiver", receiver, R);
    if (t > 0)
        suspend_resume("receiver", t, R, 0);
    t = start_blocked("sender", sender, S);
    if (t > 0)
        suspend_resume("sender", t, S, 0);
    t = start_blocked("mutex sleeper", locker, M2);
    if (t > 0)
        suspend_resume("mutex sleeper", t, M2, &m2_word);
    t = start_blocked("waiter", waiter, W);
    if (t > 0) {
        suspend_resume("waiter", t, W, 0);
        CHECK("waiter's second wait (child's exit code)", w_second, 33);
    }

    t = start_blocked("mutex sleeper to destroy", locker, M);
    if (t > 0) {
        CHECK("destroy a thread blocked in MUTEX_LOCK", l4_destroy((l4_tid_t)t), 0);
        CHECK("wait on the destroyed thread", l4_wait((l4_tid_t)t), -L4_ESRCH);
        CHECK("unlock finds no waiter left", l4_mutex_control(&m_word, L4_MUTEX_UNLOCK, 0), 0);
        settle(1);
        CHECK("the destroyed thread never returned", done[M], 0);
    }
    l4_printf("suspend: interrupted calls returned %d, %d, %d, %d\n",
              result[R], result[S], result[M2], result[W]);
    return finish("suspend");
}
