package org.tipmonitor.reference;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tipmonitor.avro.Addressee;
import org.tipmonitor.avro.Force;
import org.tipmonitor.avro.Recommendation;

/**
 * The consolidated record of the Working Group's recommendations (para 45 of its 2013 report): the
 * recommendations States and others report on, read from {@value #RESOURCE}.
 *
 * <p>Immutable. Avro records are mutable objects, so every accessor hands out copies: no caller can
 * change the catalogue another part of the application reads.
 */
public final class Catalogue {

    /** Classpath location of the catalogue. */
    public static final String RESOURCE = "reference/recommendations-2013.json";

    /** Sessions in the order they met, then paragraphs in the order of the report. */
    private static final Comparator<Recommendation> REPORT_ORDER =
            Comparator.<Recommendation, java.time.LocalDate>comparing(r -> r.getSession().getStartDate())
                    .thenComparingInt(Recommendation::getParagraph);

    private final List<Recommendation> recommendations;
    private final Map<String, Recommendation> byId;
    private final String about;
    private final String source;

    private Catalogue(final List<Recommendation> recommendations, final String about, final String source) {
        final List<Recommendation> sorted = new ArrayList<>(recommendations);
        sorted.sort(REPORT_ORDER);
        this.recommendations = List.copyOf(sorted);
        final Map<String, Recommendation> index = new HashMap<>();
        for (final Recommendation recommendation : sorted) {
            index.put(recommendation.getId(), recommendation);
        }
        this.byId = Map.copyOf(index);
        this.about = about;
        this.source = source;
    }

    /**
     * Reads the catalogue shipped with the application.
     *
     * @throws ReferenceDataException if the resource is missing or invalid
     */
    public static Catalogue load() {
        try (InputStream in = ReferenceFile.open(RESOURCE)) {
            return parse(in, RESOURCE);
        } catch (final IOException closing) {
            throw new UncheckedIOException(closing);
        }
    }

    /**
     * Reads a catalogue file: {@code {"about": ..., "source": ..., "recommendations": [...]}}, each
     * recommendation in the plain JSON form of {@link Recommendation}. Does not close the stream.
     *
     * @throws ReferenceDataException naming the entry at fault if the file is invalid
     */
    public static Catalogue parse(final InputStream in) {
        return parse(in, "recommendations catalogue");
    }

    private static Catalogue parse(final InputStream in, final String description) {
        final ReferenceFile<Recommendation> file =
                ReferenceFile.read(in, description, "recommendations", Recommendation.class);
        validate(file);
        return new Catalogue(file.entries(), file.text("about"), file.text("source"));
    }

    private static void validate(final ReferenceFile<Recommendation> file) {
        final Map<String, Integer> firstIndex = new HashMap<>();
        final List<Recommendation> entries = file.entries();
        for (int i = 0; i < entries.size(); i++) {
            final Recommendation r = entries.get(i);
            final String where = file.description() + ": recommendations[" + i + "] (" + r.getId() + ")";
            final Integer earlier = firstIndex.putIfAbsent(r.getId(), i);
            if (earlier != null) {
                throw new ReferenceDataException(where + ": duplicate id; first used by recommendations[" + earlier + "]");
            }
            final String expectedId = r.getSession().getId() + "." + r.getParagraph();
            if (!expectedId.equals(r.getId())) {
                throw new ReferenceDataException(where + ": id does not match session " + r.getSession().getId()
                        + " and paragraph " + r.getParagraph() + "; expected " + expectedId);
            }
            if (r.getSession().getEndDate().isBefore(r.getSession().getStartDate())) {
                throw new ReferenceDataException(where + ": session ends before it starts");
            }
            if (r.getAddressees().isEmpty()) {
                throw new ReferenceDataException(where + ": addressees is empty; every recommendation addresses someone");
            }
            if (EnumSet.copyOf(r.getAddressees()).size() != r.getAddressees().size()) {
                throw new ReferenceDataException(where + ": addressees repeats a value: " + r.getAddressees());
            }
            // UNKNOWN is what a reader gets for a symbol it does not know; a curated file must name the force.
            if (r.getForce() == Force.UNKNOWN) {
                throw new ReferenceDataException(where + ": force is UNKNOWN; the catalogue must state the force");
            }
            if (!r.getThemes().isEmpty() && EnumSet.copyOf(r.getThemes()).size() != r.getThemes().size()) {
                throw new ReferenceDataException(where + ": themes repeats a value: " + r.getThemes());
            }
            if (r.getTextZh().isBlank()) {
                throw new ReferenceDataException(where + ": textZh is empty");
            }
            if (r.getSummaryEn().isBlank()) {
                throw new ReferenceDataException(where + ": summaryEn is empty");
            }
        }
    }

    /** @return copies of all recommendations, sessions in date order and paragraphs in report order. */
    public List<Recommendation> recommendations() {
        final List<Recommendation> copies = new ArrayList<>(recommendations.size());
        for (final Recommendation recommendation : recommendations) {
            copies.add(copy(recommendation));
        }
        return List.copyOf(copies);
    }

    /** @return a copy of the recommendation with this id (e.g. {@code 2013.10}), if the catalogue has it. */
    public Optional<Recommendation> find(final String id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(byId.get(id)).map(Catalogue::copy);
    }

    /** @return whether the catalogue has a recommendation with this id; cheaper than {@link #find}. */
    public boolean contains(final String id) {
        return byId.containsKey(id);
    }

    /**
     * @return whether the recommendation is addressed to this addressee; false for an unknown id.
     *     Cheap enough to call per submitted response.
     */
    public boolean isAddressedTo(final String id, final Addressee addressee) {
        final Recommendation recommendation = byId.get(id);
        return recommendation != null && recommendation.getAddressees().contains(addressee);
    }

    public int size() {
        return recommendations.size();
    }

    /** @return the file's own account of what it is and how it was made. */
    public String about() {
        return about;
    }

    /** @return the document the recommendations come from. */
    public String source() {
        return source;
    }

    /** @return counts per section, addressee, force and theme. */
    public CatalogueSummary summary() {
        return new CatalogueSummary(recommendations);
    }

    @Override
    public String toString() {
        return "Catalogue[" + size() + " recommendations]";
    }

    private static Recommendation copy(final Recommendation recommendation) {
        return Recommendation.newBuilder(recommendation).build();
    }
}
