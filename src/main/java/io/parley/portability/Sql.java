package io.parley.portability;

import io.parley.common.db.SqlTimes;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.persistence.Tuple;
import jakarta.persistence.TupleElement;
import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Native SQL with positional parameters: this package works on whole sets of rows, not entities. */
final class Sql {

    private Sql() {
    }

    static int update(EntityManager em, String sql, Object... parameters) {
        return bind(em.createNativeQuery(sql), parameters).executeUpdate();
    }

    static long count(EntityManager em, String sql, Object... parameters) {
        return ((Number) bind(em.createNativeQuery(sql), parameters).getSingleResult()).longValue();
    }

    @SuppressWarnings("unchecked")
    static <T> List<T> column(EntityManager em, String sql, Object... parameters) {
        return (List<T>) bind(em.createNativeQuery(sql), parameters).getResultList();
    }

    /** Rows as maps keyed by the columns' aliases, times as Instants (for JSON documents). */
    static List<Map<String, Object>> rows(EntityManager em, String sql, Object... parameters) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Object result : bind(em.createNativeQuery(sql, Tuple.class), parameters).getResultList()) {
            Tuple tuple = (Tuple) result;
            Map<String, Object> row = new LinkedHashMap<>();
            for (TupleElement<?> element : tuple.getElements()) {
                Object value = tuple.get(element);
                row.put(element.getAlias(), value instanceof Timestamp || value instanceof OffsetDateTime ? SqlTimes.instant(value) : value);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Query bind(Query query, Object... parameters) {
        for (int i = 0; i < parameters.length; i++) {
            query.setParameter(i + 1, parameters[i]);
        }
        return query;
    }
}
