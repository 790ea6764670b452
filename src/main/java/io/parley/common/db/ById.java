package io.parley.common.db;

import io.quarkus.hibernate.orm.panache.Panache;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Entities by a list of ids, in one statement whose text does not depend on how many ids there are.
 * An HQL {@code in} list is translated again for every list size, which on the hot paths cost more
 * than running the query; the array form is also prepared once by PostgreSQL.
 */
public final class ById {

    private ById() {
    }

    /** The rows of {@code table} (text or bigint ids) whose id is in {@code ids}, keyed by id. */
    @SuppressWarnings("unchecked")
    public static <K, E> Map<K, E> find(Class<E> entity, String table, Collection<K> ids, Function<E, K> idOf) {
        if (ids.isEmpty()) {
            return new HashMap<>();
        }
        boolean text = ids.iterator().next() instanceof String;
        Object[] array = text ? ids.stream().distinct().toArray(String[]::new) : ids.stream().distinct().toArray(Long[]::new);
        List<E> rows = Panache.getEntityManager()
                .createNativeQuery("select * from " + table + " where id = any(cast(?1 as " + (text ? "text" : "bigint") + "[]))", entity)
                .setParameter(1, array).getResultList();
        return rows.stream().collect(Collectors.toMap(idOf, Function.identity(), (a, b) -> a, HashMap::new));
    }
}
