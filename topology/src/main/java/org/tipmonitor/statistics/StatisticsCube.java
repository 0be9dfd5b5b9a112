package org.tipmonitor.statistics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.tipmonitor.avro.AgeGroup;
import org.tipmonitor.avro.NationalStatistic;
import org.tipmonitor.avro.Sex;
import org.tipmonitor.avro.StatisticCell;
import org.tipmonitor.avro.StatisticForm;

/**
 * The standing cells of one State, one indicator and one year, and the figure at any point of their four
 * dimensions (sex, age, form, citizenship), each either one category or its total.
 *
 * <p>The rule, applied recursively: a figure the State gave itself is the figure (its own total wins). Otherwise,
 * for each dimension that is a total at this point and along which the State gave parts, the parts are added up
 * (each part being a figure by the same rule); each such sum counts disjoint persons, so none double counts, but
 * a State may give its parts in several separate breakdowns (by sex in one table, by form in another, as UNODC's
 * questionnaire asks), each covering the total on its own. Their largest sum is the figure: adding across
 * breakdowns would count the same persons twice, and a breakdown with fewer persons has left some out. A point
 * with no cell below it has no figure. UNKNOWN categories are parts like the others.
 *
 * <p>Where the State gave a total and a breakdown of it adds up to something else, the total stands and the
 * difference is reported as a {@link Mismatch}.
 */
public final class StatisticsCube {

    /** Stands for the total of a dimension in a point's citizenship. */
    private static final String ALL_CITIZENSHIPS = null;

    /** A point of the cube; {@code citizenship} null for all citizenships, {@code form} null when not counted. */
    public record Point(Sex sex, AgeGroup age, StatisticForm form, String citizenship) {

        static Point of(final NationalStatistic statistic) {
            return new Point(statistic.getSex(), statistic.getAge(), statistic.getForm(),
                statistic.getCitizenship());
        }

        boolean covers(final Point cell) {
            return (sex == Sex.TOTAL || sex == cell.sex)
                && (age == AgeGroup.TOTAL || age == cell.age)
                && (form == null || form == StatisticForm.TOTAL || form == cell.form)
                && (citizenship == null || citizenship.equals(cell.citizenship));
        }
    }

    /** A figure and the submissions it comes from. */
    public record Figure(long count, SortedSet<String> submissionIds) {

        Figure plus(final Figure other) {
            final SortedSet<String> ids = new TreeSet<>(submissionIds);
            ids.addAll(other.submissionIds);
            return new Figure(count + other.count, ids);
        }
    }

    /** A total the State gave that a breakdown it also gave does not add up to. */
    public record Mismatch(Point point, long stated, long sumOfParts, String dimension) {
    }

    private final Map<Point, StatisticCell> cells = new HashMap<>();
    private final Map<Point, Optional<Figure>> figures = new HashMap<>();

    /** @param standing the standing cells of one State, indicator and year (one per point) */
    public StatisticsCube(final Collection<StatisticCell> standing) {
        for (final StatisticCell cell : standing) {
            cells.put(Point.of(cell.getStatistic()), cell);
        }
    }

    /** The figure at a point, if the State gave anything under it. */
    public Optional<Figure> figure(final Point point) {
        final Optional<Figure> known = figures.get(point);
        if (known != null) {
            return known;
        }
        final StatisticCell own = cells.get(point);
        final Optional<Figure> figure = own != null
            ? Optional.of(new Figure(own.getStatistic().getCount(), new TreeSet<>(Set.of(own.getSubmissionId()))))
            : sumsOfParts(point).values().stream().max((a, b) -> Long.compare(a.count(), b.count()));
        figures.put(point, figure);
        return figure;
    }

    /** The totals the State gave at this point that one of its breakdowns contradicts. */
    public List<Mismatch> mismatches(final Point point) {
        final StatisticCell own = cells.get(point);
        final List<Mismatch> mismatches = new ArrayList<>();
        if (own == null) {
            return mismatches;
        }
        final long stated = own.getStatistic().getCount();
        sumsOfParts(point).forEach((dimension, sum) -> {
            if (sum.count() != stated) {
                mismatches.add(new Mismatch(point, stated, sum.count(), dimension));
            }
        });
        return mismatches;
    }

    /** Per dimension that is a total at this point and has parts below it: the sum of those parts. */
    private Map<String, Figure> sumsOfParts(final Point point) {
        final List<Point> below = cells.keySet().stream().filter(point::covers).filter(p -> !p.equals(point))
            .toList();
        final Map<String, Figure> sums = new LinkedHashMap<>();
        if (point.sex() == Sex.TOTAL) {
            sum(below.stream().map(Point::sex).filter(s -> s != Sex.TOTAL),
                s -> new Point(s, point.age(), point.form(), point.citizenship())).ifPresent(f -> sums.put("sex", f));
        }
        if (point.age() == AgeGroup.TOTAL) {
            sum(below.stream().map(Point::age).filter(a -> a != AgeGroup.TOTAL),
                a -> new Point(point.sex(), a, point.form(), point.citizenship())).ifPresent(f -> sums.put("age", f));
        }
        if (point.form() == StatisticForm.TOTAL) {
            sum(below.stream().map(Point::form).filter(f -> f != StatisticForm.TOTAL),
                f -> new Point(point.sex(), point.age(), f, point.citizenship())).ifPresent(f -> sums.put("form", f));
        }
        if (Objects.equals(point.citizenship(), ALL_CITIZENSHIPS)) {
            sum(below.stream().map(Point::citizenship).filter(Objects::nonNull),
                c -> new Point(point.sex(), point.age(), point.form(), c)).ifPresent(f -> sums.put("citizenship", f));
        }
        return sums;
    }

    private <T> Optional<Figure> sum(final Stream<T> categories,
                                     final Function<T, Point> pointOf) {
        Figure total = null;
        for (final T category : categories.collect(Collectors.toCollection(LinkedHashSet::new))) {
            final Optional<Figure> part = figure(pointOf.apply(category));
            if (part.isPresent()) {
                total = total == null ? part.get() : total.plus(part.get());
            }
        }
        return Optional.ofNullable(total);
    }
}
