#define _GNU_SOURCE
#include "CWorkerSandbox.h"
#include <errno.h>
#include <fcntl.h>
#include <dirent.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/resource.h>
#ifdef __linux__
#include <sched.h>
#include <sys/mount.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#endif

#ifdef __linux__
int backproplab_unshare_pid(void) { return unshare(CLONE_NEWPID); }
int backproplab_unshare_mount(void) { return unshare(CLONE_NEWNS); }
int backproplab_make_mounts_private(void) { return mount(NULL, "/", NULL, MS_REC | MS_PRIVATE, NULL); }
int backproplab_set_parent_death_signal(int signal) { return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0, 0, 0); }
int backproplab_become_subreaper(void) { return prctl(PR_SET_CHILD_SUBREAPER, 1UL, 0, 0, 0); }
int backproplab_forbid_new_privileges(void) { return prctl(PR_SET_NO_NEW_PRIVS, 1UL, 0, 0, 0); }
int backproplab_rlimit_nproc(void) { return RLIMIT_NPROC; }
#else
int backproplab_unshare_pid(void) { errno = ENOSYS; return -1; }
int backproplab_unshare_mount(void) { errno = ENOSYS; return -1; }
int backproplab_make_mounts_private(void) { errno = ENOSYS; return -1; }
int backproplab_set_parent_death_signal(int signal) { (void)signal; errno = ENOSYS; return -1; }
int backproplab_become_subreaper(void) { errno = ENOSYS; return -1; }
int backproplab_forbid_new_privileges(void) { errno = ENOSYS; return -1; }
int backproplab_rlimit_nproc(void) { return RLIMIT_NPROC; }
#endif

int backproplab_cloexec_from(int first) {
#if defined(__linux__) && defined(SYS_close_range)
    // close_range(first, ~0U, CLOSE_RANGE_CLOEXEC), Linux 5.11 and later.
    if (syscall(SYS_close_range, (unsigned)first, ~0U, 4U) == 0) return 0;
#endif
    // Older kernels and other systems: walk the open descriptors.
#ifdef __linux__
    DIR *dir = opendir("/proc/self/fd");
#else
    DIR *dir = opendir("/dev/fd");
#endif
    if (dir == NULL) {
        long last = sysconf(_SC_OPEN_MAX);
        if (last < 0 || last > 65536) last = 65536;
        for (int fd = first; fd < last; fd++) (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
        return 0;
    }
    int own = dirfd(dir);
    struct dirent *entry;
    while ((entry = readdir(dir)) != NULL) {
        int fd = atoi(entry->d_name);
        if (fd >= first && fd != own) (void)fcntl(fd, F_SETFD, FD_CLOEXEC);
    }
    closedir(dir);
    return 0;
}
