/* ipc-stat-any: MSG_STAT_ANY, SEM_STAT_ANY and SHM_STAT_ANY (Linux 4.17) are
 * the *_STAT commands without the read-permission check: given an index,
 * they return the object's id and fill the same structs (ipc/msg.c,
 * ipc/sem.c, ipc/shm.c). QEMU 7.2 answered EINVAL (LTP msgctl06, semctl09,
 * shmctl04). Each object is made with mode 0 so that only *_STAT_ANY reads it.
 */
#include "check.h"
#include <errno.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include <sys/shm.h>

#ifndef MSG_STAT_ANY
#define MSG_STAT_ANY 13
#define SEM_STAT_ANY 20
#define SHM_STAT_ANY 15
#endif

union semun { int val; struct semid_ds *buf; unsigned short *array; struct seminfo *__buf; };

int main(void)
{
    int mid = msgget(IPC_PRIVATE, IPC_CREAT | 0);
    int sid = semget(IPC_PRIVATE, 3, IPC_CREAT | 0);
    int hid = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0);
    CHECK(mid >= 0 && sid >= 0 && hid >= 0, "msgget, semget, shmget");

    struct msqid_ds mds;
    struct msginfo mi;
    int max = msgctl(0, MSG_INFO, (struct msqid_ds *)&mi), found = 0;
    for (int i = 0; i <= max && !found; i++) {
        memset(&mds, 0, sizeof(mds));
        found = msgctl(i, MSG_STAT_ANY, &mds) == mid;
    }
    CHECK(found && mds.msg_perm.mode == 0 && mds.msg_qbytes > 0,
          "MSG_STAT_ANY finds the queue (mode %o, qbytes %lu)",
          (unsigned)mds.msg_perm.mode, (unsigned long)mds.msg_qbytes);

    struct semid_ds sds;
    struct seminfo si;
    union semun a = { .__buf = &si };
    max = semctl(0, 0, SEM_INFO, a); found = 0;
    for (int i = 0; i <= max && !found; i++) {
        memset(&sds, 0, sizeof(sds));
        a.buf = &sds;
        found = semctl(i, 0, SEM_STAT_ANY, a) == sid;
    }
    CHECK(found && sds.sem_nsems == 3, "SEM_STAT_ANY finds the set (nsems %lu)",
          (unsigned long)sds.sem_nsems);

    struct shmid_ds hds;
    struct shm_info shi;
    max = shmctl(0, SHM_INFO, (struct shmid_ds *)&shi); found = 0;
    for (int i = 0; i <= max && !found; i++) {
        memset(&hds, 0, sizeof(hds));
        found = shmctl(i, SHM_STAT_ANY, &hds) == hid;
    }
    CHECK(found && hds.shm_segsz == 8192, "SHM_STAT_ANY finds the segment (size %lu)",
          (unsigned long)hds.shm_segsz);

    CHECK_ERRNO(msgctl(0x7fff, MSG_STAT_ANY, &mds), EINVAL, "MSG_STAT_ANY of an unused index: EINVAL");
    msgctl(mid, IPC_RMID, NULL);
    semctl(sid, 0, IPC_RMID);
    shmctl(hid, IPC_RMID, NULL);
    return guest_done();
}
