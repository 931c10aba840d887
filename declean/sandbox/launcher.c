/* declean-launch: start one sandbox with its limits, as its uid, and reap everything it leaves behind.

   usage: declean-launch UID CPU_SOFT CPU_HARD ADDRESS_SPACE FILE_SIZE PROCESSES OPEN_FILES -- PROGRAM ARGS...

   Sets the rlimits (and no core dumps), drops to UID with no supplementary groups (UID -1 keeps the
   caller's identity), and runs PROGRAM as a child. It is a child subreaper: bubblewrap's outer process
   exits as soon as it knows the exit status, orphaning the namespace init, which would otherwise wait as
   a zombie for the machine's PID 1 and count against the uid's process limit. It waits for every
   descendant, then exits as PROGRAM did (re-raising its signal). SIGTERM makes it SIGKILL the PROGRAM. */
#define _GNU_SOURCE
#include <errno.h>
#include <grp.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#define LIMITS 6
#define FIRST_COMMAND_ARGUMENT 9

static volatile sig_atomic_t stop_requested = 0;

static void request_stop(int signal_number)
{
    (void)signal_number;
    stop_requested = 1;
}

static rlim_t parse_limit(const char *text)
{
    return (rlim_t)strtoull(text, NULL, 10);
}

static void become_sandbox_user(char **argv)
{
    const struct rlimit limits[LIMITS] = {
        {parse_limit(argv[2]), parse_limit(argv[3])}, {parse_limit(argv[4]), parse_limit(argv[4])},
        {parse_limit(argv[5]), parse_limit(argv[5])}, {parse_limit(argv[6]), parse_limit(argv[6])},
        {parse_limit(argv[7]), parse_limit(argv[7])}, {0, 0},
    };
    const int resources[LIMITS] = {RLIMIT_CPU, RLIMIT_AS, RLIMIT_FSIZE, RLIMIT_NPROC, RLIMIT_NOFILE, RLIMIT_CORE};
    long uid = strtol(argv[1], NULL, 10);
    for (int i = 0; i < LIMITS; i++) {
        if (setrlimit(resources[i], &limits[i]) != 0) _exit(125);
    }
    if (uid >= 0 && (setgroups(0, NULL) != 0 || setgid((gid_t)uid) != 0 || setuid((uid_t)uid) != 0)) _exit(125);
}

int main(int argc, char **argv)
{
    if (argc <= FIRST_COMMAND_ARGUMENT || strcmp(argv[FIRST_COMMAND_ARGUMENT - 1], "--") != 0) return 125;
    if (prctl(PR_SET_CHILD_SUBREAPER, 1) != 0) return 125;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = request_stop;
    sigaction(SIGTERM, &action, NULL);

    pid_t child = fork();
    if (child < 0) return 125;
    if (child == 0) {
        signal(SIGTERM, SIG_DFL);
        become_sandbox_user(argv);
        execv(argv[FIRST_COMMAND_ARGUMENT], &argv[FIRST_COMMAND_ARGUMENT]);
        _exit(127);
    }
    int status = 0;
    int child_status = 0;
    for (;;) {
        if (stop_requested) kill(child, SIGKILL);
        pid_t done = waitpid(-1, &status, 0);
        if (done == child) child_status = status;
        if (done < 0 && errno != EINTR) break;
    }
    if (WIFSIGNALED(child_status)) {
        signal(WTERMSIG(child_status), SIG_DFL);
        raise(WTERMSIG(child_status));
        return 128 + WTERMSIG(child_status);
    }
    return WEXITSTATUS(child_status);
}
