#ifndef ROUTEWIJZER_CSYSTEM_H
#define ROUTEWIJZER_CSYSTEM_H

/* The few Linux calls Swift's Glibc module does not expose: epoll, accept4 and eventfd.
   Thin wrappers only, so that the Swift side keeps every decision. */

#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* One ready descriptor: the user data registered with it and the event bits. */
typedef struct {
    uint64_t data;
    uint32_t events;
} rw_event;

enum {
    RW_EPOLLIN = 0x001,
    RW_EPOLLOUT = 0x004,
    RW_EPOLLERR = 0x008,
    RW_EPOLLHUP = 0x010,
    RW_EPOLLRDHUP = 0x2000,
    RW_EPOLLEXCLUSIVE = 1u << 28,
    RW_EPOLLET = 1u << 31,
};

/* The operations of rw_epoll_ctl. */
enum {
    RW_EPOLL_ADD = 1,
    RW_EPOLL_DELETE = 2,
    RW_EPOLL_MODIFY = 3,
};

int rw_epoll_create(void);
/* op: RW_EPOLL_ADD, RW_EPOLL_DELETE or RW_EPOLL_MODIFY; 0 on success, -1 on error (errno set). */
int rw_epoll_ctl(int epfd, int op, int fd, uint32_t events, uint64_t data);
/* Fills up to `capacity` events; returns their count, 0 on timeout, -1 on error (errno set). */
int rw_epoll_wait(int epfd, rw_event *events, int capacity, int timeout_ms);
/* accept4 with SOCK_NONBLOCK | SOCK_CLOEXEC. */
int rw_accept(int fd);
int rw_eventfd(void);
int rw_eventfd_signal(int fd);
int rw_eventfd_drain(int fd);
/* Gives freed heap memory back to the system (glibc's malloc_trim): loading content peaks far above
   what stays in use, and without it the process keeps the peak. Returns 1 when memory was released. */
int rw_release_free_memory(void);

#ifdef __cplusplus
}
#endif

#endif
