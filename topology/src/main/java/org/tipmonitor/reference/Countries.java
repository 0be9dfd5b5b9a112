package org.tipmonitor.reference;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.tipmonitor.avro.Country;
import org.tipmonitor.avro.ProtocolStatus;

/**
 * The States and other entities that may report (UN Member States, observer States, the European
 * Union), read from {@value #RESOURCE}.
 *
 * <p>Immutable. Avro records are mutable objects, so every accessor hands out copies.
 */
public final class Countries {

    /** Classpath location of the country reference data. */
    public static final String RESOURCE = "reference/countries.json";

    private static final Pattern ISO3 = Pattern.compile("[A-Z]{3}");

    private final List<Country> countries;
    private final Map<String, Country> byIso3;
    private final long partiesCount;
    private final String about;
    private final JsonNode sources;
    private final Optional<LocalDate> asOf;

    private Countries(final List<Country> countries, final String about, final JsonNode sources,
                      final Optional<LocalDate> asOf) {
        this.countries = List.copyOf(countries);
        final Map<String, Country> index = new HashMap<>();
        for (final Country country : countries) {
            index.put(country.getIso3(), country);
        }
        this.byIso3 = Map.copyOf(index);
        this.partiesCount = countries.stream().filter(c -> c.getProtocolStatus() == ProtocolStatus.PARTY).count();
        this.about = about;
        this.sources = sources;
        this.asOf = asOf;
    }

    /**
     * Reads the country data shipped with the application.
     *
     * @throws ReferenceDataException if the resource is missing or invalid
     */
    public static Countries load() {
        return fromClasspath(RESOURCE);
    }

    static Countries fromClasspath(final String resource) {
        try (InputStream in = ReferenceFile.open(resource)) {
            return parse(in, resource);
        } catch (final IOException closing) {
            throw new UncheckedIOException(closing);
        }
    }

    /**
     * Reads a country file: {@code {"about": ..., "sources": {...}, "countries": [...]}}, each country
     * in the plain JSON form of {@link Country}. Does not close the stream.
     *
     * @throws ReferenceDataException naming the entry at fault if the file is invalid
     */
    public static Countries parse(final InputStream in) {
        return parse(in, "country data");
    }

    private static Countries parse(final InputStream in, final String description) {
        final ReferenceFile<Country> file = ReferenceFile.read(in, description, "countries", Country.class);
        validate(file);
        return new Countries(file.entries(), file.text("about"), file.node("sources"), asOf(file));
    }

    /** The optional top-level {@code asOf}: the day the party statuses were checked. */
    private static Optional<LocalDate> asOf(final ReferenceFile<Country> file) {
        final String text = file.text("asOf");
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDate.parse(text));
        } catch (final DateTimeParseException notADate) {
            throw new ReferenceDataException(file.description() + ": asOf \"" + text + "\" is not a date YYYY-MM-DD");
        }
    }

    private static void validate(final ReferenceFile<Country> file) {
        final Map<String, Integer> firstIndex = new HashMap<>();
        final List<Country> entries = file.entries();
        for (int i = 0; i < entries.size(); i++) {
            final Country c = entries.get(i);
            final String where = file.description() + ": countries[" + i + "] (" + c.getIso3() + ")";
            if (!ISO3.matcher(c.getIso3()).matches()) {
                throw new ReferenceDataException(where + ": iso3 must be three capital letters");
            }
            final Integer earlier = firstIndex.putIfAbsent(c.getIso3(), i);
            if (earlier != null) {
                throw new ReferenceDataException(where + ": duplicate iso3; first used by countries[" + earlier + "]");
            }
            // A State is expected to report only from the day it became a party, so a party needs that day.
            final boolean party = c.getProtocolStatus() == ProtocolStatus.PARTY;
            if (party && c.getProtocolPartySince() == null) {
                throw new ReferenceDataException(where + ": protocolStatus is PARTY but protocolPartySince is null");
            }
            if (!party && c.getProtocolPartySince() != null) {
                throw new ReferenceDataException(where + ": protocolPartySince is set but protocolStatus is "
                        + c.getProtocolStatus());
            }
            if (c.getSubRegion() != null && c.getRegion() == null) {
                throw new ReferenceDataException(where + ": has a subRegion but no region");
            }
        }
    }

    /** @return copies of all entries, in file order. */
    public List<Country> countries() {
        final List<Country> copies = new ArrayList<>(countries.size());
        for (final Country country : countries) {
            copies.add(Country.newBuilder(country).build());
        }
        return List.copyOf(copies);
    }

    /** @return a copy of the entry with this ISO 3166-1 alpha-3 code (any case), if there is one. */
    public Optional<Country> find(final String iso3) {
        Objects.requireNonNull(iso3, "iso3");
        return Optional.ofNullable(byIso3.get(iso3.toUpperCase(Locale.ROOT))).map(c -> Country.newBuilder(c).build());
    }

    /** @return whether there is an entry with this code (any case); cheaper than {@link #find}. */
    public boolean contains(final String iso3) {
        return byIso3.containsKey(iso3.toUpperCase(Locale.ROOT));
    }

    /** @return how many entries are parties to the Trafficking in Persons Protocol. */
    public long partiesCount() {
        return partiesCount;
    }

    public int size() {
        return countries.size();
    }

    /** @return the file's own account of what it is. */
    public String about() {
        return about;
    }

    /** @return the day the file's facts (party statuses above all) were last checked, if it says. */
    public Optional<LocalDate> asOf() {
        return asOf;
    }

    /** @return a copy of the file's {@code sources} object (missing node if it has none). */
    public JsonNode sources() {
        return sources.deepCopy();
    }

    @Override
    public String toString() {
        return "Countries[" + size() + " entries, " + partiesCount + " parties]";
    }
}
