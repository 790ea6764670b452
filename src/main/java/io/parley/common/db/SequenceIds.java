package io.parley.common.db;

import jakarta.persistence.EntityManager;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;

/**
 * Ids for rows written without Hibernate, from the generator Hibernate uses for the entity: they
 * come from the same pooled blocks, so they never collide with ids Hibernate hands out itself.
 */
public final class SequenceIds {

    private SequenceIds() {
    }

    /** {@code count} new ids for {@code entity}. */
    public static Long[] next(EntityManager em, Class<?> entity, int count) {
        SharedSessionContractImplementor session = em.unwrap(SharedSessionContractImplementor.class);
        BeforeExecutionGenerator generator = (BeforeExecutionGenerator) session.getFactory().getMappingMetamodel()
                .getEntityDescriptor(entity).getGenerator();
        Long[] ids = new Long[count];
        for (int i = 0; i < count; i++) {
            ids[i] = (Long) generator.generate(session, null, null, EventType.INSERT);
        }
        return ids;
    }
}
