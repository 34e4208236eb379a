#define _GNU_SOURCE
#include "csystem.h"

#include <malloc.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/socket.h>
#include <unistd.h>

int rw_epoll_create(void) { return epoll_create1(EPOLL_CLOEXEC); }

int rw_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data) {
    struct epoll_event event = {.events = events, .data.u64 = data};
    int native = op == RW_EPOLL_ADD ? EPOLL_CTL_ADD : op == RW_EPOLL_DELETE ? EPOLL_CTL_DEL : EPOLL_CTL_MOD;
    return epoll_ctl(epfd, native, fd, &event);
}

int rw_epoll_wait(int epfd, rw_event *events, int capacity, int timeout_ms) {
    struct epoll_event native[256];
    if (capacity > 256) capacity = 256;
    int count = epoll_wait(epfd, native, capacity, timeout_ms);
    for (int i = 0; i < count; i++) {
        events[i].data = native[i].data.u64;
        events[i].events = native[i].events;
    }
    return count;
}

int rw_accept(int fd) { return accept4(fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC); }

int rw_eventfd(void) { return eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC); }

int rw_eventfd_signal(int fd) {
    uint64_t one = 1;
    return (int)write(fd, &one, sizeof one);
}

int rw_eventfd_drain(int fd) {
    uint64_t value;
    return (int)read(fd, &value, sizeof value);
}

int rw_release_free_memory(void) { return malloc_trim(0); }
