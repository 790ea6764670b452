package io.parley.common.db;

import jakarta.persistence.EntityManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.hibernate.Session;

/**
 * Queries sent to PostgreSQL together, in one round trip, and read back in order. The comment
 * writer runs half a dozen small checks per batch; one after the other, each paid a round trip
 * and Hibernate's handling of a native query, and together those cost the writer more than the
 * checks themselves (bench/README.md, 2026-12-01). pgjdbc sends the statements of one prepared
 * statement before a single Sync, and still prepares each of them once on the server.
 */
public final class RoundTrip {

    private RoundTrip() {
    }

    /** How a query's rows become its result. */
    @FunctionalInterface
    public interface Rows<T> {
        T read(ResultSet rows) throws SQLException;
    }

    /** A query of {@code sql}, with {@code ?} parameters, whose rows {@code rows} reads; {@link Query#bind} its parameters in order. */
    public static <T> Query<T> query(String sql, Rows<T> rows) {
        return new Query<>(sql, rows);
    }

    /**
     * One statement, its parameters (Java arrays for SQL arrays, {@link Instant}s for timestamps; cast
     * in the SQL wherever the type matters) and how its rows are read. Its result is there once
     * {@link #run} has run it.
     */
    public static final class Query<T> {
        private final String sql;
        private final List<Object> parameters = new ArrayList<>();
        private final Rows<T> rows;
        private T result;
        private boolean read;

        private Query(String sql, Rows<T> rows) {
            if (sql.contains(";")) {
                throw new IllegalArgumentException("one statement per query: " + sql);
            }
            this.sql = sql;
            this.rows = rows;
        }

        /** The next parameter; an array is one parameter. */
        public Query<T> bind(Object parameter) {
            parameters.add(parameter);
            return this;
        }

        public T result() {
            if (!read) {
                throw new IllegalStateException("the query has not run: " + sql);
            }
            return result;
        }
    }

    /**
     * For the rest of the transaction, PostgreSQL plans each prepared statement once, whatever its
     * parameters. It otherwise plans again on every run a statement whose generic plan looks dearer
     * than its custom ones: a lookup by an array of a batch's values does (its generic plan
     * assumes a hundred values), and the comment writer's double-post check re-planned a join with
     * every index of the partitioned comment table for each batch, a tenth of the database's time
     * per comment (bench/README.md, 2026-12-01). Only for transactions of keyed lookups and
     * writes, whose plans do not depend on the values: a queue page's partial indexes do.
     */
    public static Query<Void> genericPlans() {
        return query("select set_config('plan_cache_mode', 'force_generic_plan', true)", rows -> null);
    }

    /** Runs {@code query} alone and returns its result. */
    public static <T> T one(EntityManager em, Query<T> query) {
        run(em, List.of(query));
        return query.result();
    }

    /**
     * Runs the queries on the session's connection, in one round trip. They see what earlier
     * statements wrote, but not entities Hibernate has yet to flush.
     */
    public static void run(EntityManager em, List<Query<?>> queries) {
        if (queries.isEmpty()) {
            return;
        }
        em.unwrap(Session.class).doWork(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    queries.stream().map(q -> q.sql).collect(Collectors.joining(";\n")))) {
                int index = 0;
                for (Query<?> query : queries) {
                    for (Object parameter : query.parameters) {
                        bind(statement, ++index, parameter);
                    }
                }
                boolean results = statement.execute();
                for (Query<?> query : queries) {
                    if (!results) {
                        throw new SQLException("no rows came back for: " + query.sql);
                    }
                    try (ResultSet rows = statement.getResultSet()) {
                        read(query, rows);
                    }
                    results = statement.getMoreResults();
                }
            }
        });
    }

    private static <T> void read(Query<T> query, ResultSet rows) throws SQLException {
        query.result = query.rows.read(rows);
        query.read = true;
    }

    private static void bind(PreparedStatement statement, int index, Object parameter) throws SQLException {
        if (parameter == null) {
            statement.setNull(index, Types.OTHER);
        } else if (parameter instanceof Instant instant) {
            statement.setObject(index, instant.atOffset(ZoneOffset.UTC));
        } else {
            statement.setObject(index, parameter);
        }
    }

    /** How many rows came back. */
    public static int count(ResultSet rows) throws SQLException {
        int count = 0;
        while (rows.next()) {
            count++;
        }
        return count;
    }

    /** The first column of every row, as numbers: the positions a query picked, say. */
    public static List<Integer> positions(ResultSet rows) throws SQLException {
        List<Integer> positions = new ArrayList<>();
        while (rows.next()) {
            positions.add(rows.getInt(1));
        }
        return positions;
    }
}
