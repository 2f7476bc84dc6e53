#define _GNU_SOURCE
#include "CWorkerCrash.h"
#include <errno.h>

#ifdef __linux__
#include <execinfo.h>
#include <link.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum { maximumFrames = 128, maximumPrefix = 64, lineSize = maximumPrefix + maximumFrames * 19 + 1 };

// All set before the handler is installed; the handler only reads them.
static int outputFD = -1;
static char prefixText[maximumPrefix];
static size_t prefixLength;
static uintptr_t loadBias, textStart, textEnd;

/// The executable's load bias and the extent of its loaded segments (the first
/// object dl_iterate_phdr visits is the executable).
static int findExecutable(struct dl_phdr_info *info, size_t size, void *data) {
    (void)size; (void)data;
    loadBias = (uintptr_t)info->dlpi_addr;
    for (int i = 0; i < info->dlpi_phnum; i++) {
        const ElfW(Phdr) *segment = &info->dlpi_phdr[i];
        if (segment->p_type != PT_LOAD || !(segment->p_flags & PF_X)) continue;
        uintptr_t start = loadBias + segment->p_vaddr, end = start + segment->p_memsz;
        if (textStart == 0 || start < textStart) textStart = start;
        if (end > textEnd) textEnd = end;
    }
    return 1;
}

static void handle(int signal) {
    int saved = errno;
    void *frames[maximumFrames + 1];
    int count = backtrace(frames, maximumFrames + 1);
    char line[lineSize];
    memcpy(line, prefixText, prefixLength);
    size_t length = prefixLength;
    // frames[0] is this handler; the frames of the crash follow the kernel's signal frame.
    for (int i = 1; i < count; i++) {
        uintptr_t address = (uintptr_t)frames[i];
        if (address < textStart || address >= textEnd) continue;
        uintptr_t offset = address - loadBias;
        char digits[16];
        int n = 0;
        do { digits[n++] = "0123456789abcdef"[offset & 15]; offset >>= 4; } while (offset && n < 16);
        line[length++] = ' '; line[length++] = '0'; line[length++] = 'x';
        while (n > 0) line[length++] = digits[--n];
    }
    line[length++] = '\n';
    for (size_t sent = 0; sent < length;) {
        ssize_t n = write(outputFD, line + sent, length - sent);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) break;
        sent += (size_t)n;
    }
    errno = saved;
    // SA_RESETHAND put the default action back: the process ends with this signal, as
    // it would have without the handler (a signal sent by kill() too).
    raise(signal);
}

int backproplab_install_crash_frames(int fd, const char *prefix) {
    size_t length = strlen(prefix);
    if (length > maximumPrefix) return -1;
    memcpy(prefixText, prefix, length);
    prefixLength = length;
    outputFD = fd;
    dl_iterate_phdr(findExecutable, NULL);
    if (textEnd == 0) return -1;
    // The first backtrace() loads the unwinder (a dlopen, which allocates): done here,
    // not in the handler.
    void *warmUp[2];
    (void)backtrace(warmUp, 2);
    static char alternateStack[64 * 1024];
    stack_t stack = { .ss_sp = alternateStack, .ss_size = sizeof alternateStack, .ss_flags = 0 };
    if (sigaltstack(&stack, NULL) != 0) return -1;
    struct sigaction action;
    memset(&action, 0, sizeof action);
    action.sa_handler = handle;
    action.sa_flags = SA_ONSTACK | SA_RESETHAND | SA_NODEFER;
    sigemptyset(&action.sa_mask);
    int signals[] = { SIGILL, SIGTRAP, SIGABRT, SIGFPE, SIGBUS, SIGSEGV };
    for (size_t i = 0; i < sizeof signals / sizeof signals[0]; i++) {
        if (sigaction(signals[i], &action, NULL) != 0) return -1;
    }
    return 0;
}
#else
int backproplab_install_crash_frames(int fd, const char *prefix) {
    (void)fd; (void)prefix;
    errno = ENOSYS;
    return -1;
}
#endif
