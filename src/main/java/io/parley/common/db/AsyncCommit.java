package io.parley.common.db;

import jakarta.persistence.EntityManager;

/**
 * For the outbox's workers: their transaction's commit does not wait for the disk. If PostgreSQL
 * crashes before the commit reaches it, the transaction is lost as a whole and its work (events still
 * in the outbox, a delivery still due) is done again: at least once, as promised. The changes readers
 * and moderators make always wait for the disk.
 */
public final class AsyncCommit {

    private AsyncCommit() {
    }

    /** Call first in the transaction. */
    public static void forThisTransaction(EntityManager em) {
        em.createNativeQuery("set local synchronous_commit = off").executeUpdate();
    }
}
