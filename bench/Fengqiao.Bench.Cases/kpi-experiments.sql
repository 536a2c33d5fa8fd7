-- Manual follow-up to `Fengqiao.Bench.Cases kpi`: where does the month query's time go, and what would help?
-- Run with: psql -X -f kpi-experiments.sql <the benchmark database>
-- The month is October 2026 in Beijing time, as the benchmark measures; as-of 2026-11-29 00:00 Beijing.
\timing on
\pset pager off
\set from '''2026-09-30 16:00:00+00'''
\set to '''2026-10-31 16:00:00+00'''
\set asof '''2026-11-28 16:00:00+00'''

-- The KPI aggregate the product sends for TotalAsync (parameters inlined; the scope filter is folded away for the system scope).
\set kpis 'count(*)::int AS "Registered", count(*) FILTER (WHERE c."ResolvedOnTheSpot")::int AS "OnTheSpot", count(*) FILTER (WHERE c."ClosedWithinDays" IS NOT NULL AND c."ClosedWithinDays" <= 10)::int AS "Within10", count(*) FILTER (WHERE c."ClosedWithinDays" IS NOT NULL AND c."ClosedWithinDays" <= 20)::int AS "Within20", count(*) FILTER (WHERE c."DecisionDueAt" IS NOT NULL AND (c."DecidedAt" IS NOT NULL OR c."DecisionDueAt" <= ' :asof '))::int AS "DecisionDue", count(*) FILTER (WHERE c."DecisionDueAt" IS NOT NULL AND c."DecidedAt" IS NOT NULL AND c."DecidedAt" <= c."DecisionDueAt")::int AS "DecisionOnTime", count(*) FILTER (WHERE c."ReplyDueAt" IS NOT NULL AND (c."RepliedAt" IS NOT NULL OR c."ReplyDueAt" <= ' :asof '))::int AS "ReplyDue", count(*) FILTER (WHERE c."ReplyDueAt" IS NOT NULL AND c."RepliedAt" IS NOT NULL AND c."RepliedAt" <= c."ReplyDueAt")::int AS "ReplyOnTime", count(*) FILTER (WHERE c."RepliedAt" IS NOT NULL)::int AS "Replied", count(*) FILTER (WHERE c."Rating" IN (1, 2, 3))::int AS "Rated", count(*) FILTER (WHERE c."Rating" IN (1, 2))::int AS "Satisfied", count(*) FILTER (WHERE c."Channel" = 4)::int AS "HotlineRegistered", count(*) FILTER (WHERE c."Channel" = 4 AND c."ReplyDueAt" IS NOT NULL AND (c."RepliedAt" IS NOT NULL OR c."ReplyDueAt" <= ' :asof '))::int AS "HotlineReplyDue", count(*) FILTER (WHERE c."Channel" = 4 AND c."ReplyDueAt" IS NOT NULL AND c."RepliedAt" IS NOT NULL AND c."RepliedAt" <= c."ReplyDueAt")::int AS "HotlineReplyOnTime", count(*) FILTER (WHERE c."Channel" = 4 AND c."ClosedAt" IS NOT NULL)::int AS "HotlineClosed", count(*) FILTER (WHERE c."Channel" = 4 AND c."Rating" IN (1, 2, 3))::int AS "HotlineRated", count(*) FILTER (WHERE c."Channel" = 4 AND c."Rating" IN (1, 2))::int AS "HotlineSatisfied"'

\echo '== 0. floor: only counting the month''s rows (same index range scan)'
EXPLAIN (ANALYZE, BUFFERS) SELECT count(*) FROM "Cases" c WHERE c."RegisteredAt" >= :from AND c."RegisteredAt" < :to;

\echo '== 1. the month KPIs as shipped (parallel plan)'
EXPLAIN (ANALYZE, BUFFERS) SELECT :kpis FROM "Cases" c WHERE c."RegisteredAt" >= :from AND c."RegisteredAt" < :to;

\echo '== 2. the same on one core (no parallel workers)'
SET max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS) SELECT :kpis FROM "Cases" c WHERE c."RegisteredAt" >= :from AND c."RegisteredAt" < :to;
RESET max_parallel_workers_per_gather;

\echo '== 3. index-only scan on the covering index (needs IX_Cases_RegisteredAt_Kpi, created by --try-index).'
\echo '   The planner keeps choosing the narrow IX_Cases_RegisteredAt, so hide it inside a rolled-back transaction.'
BEGIN;
DROP INDEX "IX_Cases_RegisteredAt";
EXPLAIN (ANALYZE, BUFFERS) SELECT :kpis FROM "Cases" c WHERE c."RegisteredAt" >= :from AND c."RegisteredAt" < :to;
SET LOCAL max_parallel_workers_per_gather = 0;
EXPLAIN (ANALYZE, BUFFERS) SELECT :kpis FROM "Cases" c WHERE c."RegisteredAt" >= :from AND c."RegisteredAt" < :to;
ROLLBACK;

\echo '== 4. total + unit ranking + towns in ONE scan with GROUPING SETS (instead of three scans)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT GROUPING(c."HandlingUnitId", substring(c."DivisionCode", 1, 9)) AS g, c."HandlingUnitId", substring(c."DivisionCode", 1, 9) AS town, :kpis
FROM "Cases" c WHERE c."RegisteredAt" >= :from AND c."RegisteredAt" < :to
GROUP BY GROUPING SETS ((), (c."HandlingUnitId"), (substring(c."DivisionCode", 1, 9)));

\echo '== 5. a monthly roll-up (what a summary table refreshed by the deadline timer would hold): read cost'
DROP TABLE IF EXISTS bench_kpi_rollup;
CREATE TABLE bench_kpi_rollup AS
SELECT date_trunc('month', c."RegisteredAt" AT TIME ZONE 'Asia/Shanghai') AS month, c."HandlingUnitId", substring(c."DivisionCode", 1, 9) AS town, c."Channel", :kpis
FROM "Cases" c WHERE c."RegisteredAt" >= :from AND c."RegisteredAt" < :to
GROUP BY 1, 2, 3, 4;
CREATE INDEX ON bench_kpi_rollup (month);
ANALYZE bench_kpi_rollup;
EXPLAIN (ANALYZE) SELECT "HandlingUnitId", sum("Registered"), sum("OnTheSpot"), sum("Within10"), sum("Within20"), sum("ReplyDue"), sum("ReplyOnTime"), sum("Rated"), sum("Satisfied")
FROM bench_kpi_rollup WHERE month = '2026-10-01' GROUP BY "HandlingUnitId";
SELECT count(*) AS rollup_rows FROM bench_kpi_rollup;
DROP TABLE bench_kpi_rollup;
