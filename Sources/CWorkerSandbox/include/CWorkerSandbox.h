// The few Linux calls the worker launcher needs that Swift's Glibc module does not
// import (they sit behind _GNU_SOURCE or in headers it leaves out). Each returns -1
// with errno ENOSYS where the platform lacks it, so callers can report the protection
// as not in force.
#ifndef CWORKERSANDBOX_H
#define CWORKERSANDBOX_H

#include <sys/types.h>

/// unshare(CLONE_NEWPID): the next child starts a new PID namespace, as its pid 1.
int backproplab_unshare_pid(void);
/// unshare(CLONE_NEWNS): this process gets its own copy of the mount table.
int backproplab_unshare_mount(void);
/// Makes every mount below "/" private, so mounts made here do not leak out.
int backproplab_make_mounts_private(void);
/// prctl(PR_SET_PDEATHSIG, signal): the kernel sends `signal` when the parent dies.
int backproplab_set_parent_death_signal(int signal);
/// prctl(PR_SET_CHILD_SUBREAPER, 1): orphaned descendants become our children.
int backproplab_become_subreaper(void);
/// prctl(PR_SET_NO_NEW_PRIVS, 1): exec never gains privileges (setuid binaries).
int backproplab_forbid_new_privileges(void);
/// Marks every descriptor from `first` up close-on-exec.
int backproplab_cloexec_from(int first);
/// The RLIMIT_NPROC resource number (-1 where there is none).
int backproplab_rlimit_nproc(void);

#endif
