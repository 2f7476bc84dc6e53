// The worker's crash handler: when student code traps, it writes the addresses of the
// frames on the crashed thread's stack that lie in the worker's own executable, so
// that the judge can name the student's line. In C because a signal handler may only
// make async-signal-safe calls: no allocation, no locks, no Swift runtime.
#ifndef CWORKERCRASH_H
#define CWORKERCRASH_H

/// Installs the handler for the signals a crash raises (SIGILL, SIGTRAP, SIGABRT,
/// SIGFPE, SIGBUS, SIGSEGV), on an alternate stack so that a stack overflow is caught
/// too. On a crash it writes one line to `fd`,
/// `<prefix> 0x1a2b 0x3c4d …\n`, the offsets in the executable's file of the frames
/// there (innermost first, at most 128), then lets the signal end the process as it
/// would have. Returns 0, or -1 where it is not supported (anything but Linux).
int backproplab_install_crash_frames(int fd, const char *prefix);

#endif
