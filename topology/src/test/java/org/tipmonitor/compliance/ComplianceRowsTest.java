package org.tipmonitor.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.tipmonitor.avro.ComplianceDelta;
import org.tipmonitor.avro.ComplianceRow;
import org.tipmonitor.avro.Contribution;
import org.tipmonitor.avro.Dimension;
import org.tipmonitor.avro.ImplementationStatus;
import org.tipmonitor.avro.ReporterType;

/** The counting rules of the new statuses and the force groups, on the row arithmetic alone (docs/tables.md). */
class ComplianceRowsTest {

    private static final Instant AT = Instant.parse("2026-01-10T09:00:00Z");

    @Test
    void theWorkedExampleOfTheForceGroups() {
        ComplianceRow row = null;
        row = add(row, ImplementationStatus.IMPLEMENTED, true);
        row = add(row, ImplementationStatus.CONSIDERED_NOT_ADOPTED, true);
        row = add(row, ImplementationStatus.ALREADY_IN_PLACE, true);
        row = add(row, ImplementationStatus.CONSIDERED_NOT_ADOPTED, false);
        row = add(row, ImplementationStatus.PLANNED, false);

        assertThat(row.getByForce().getShould().getReported()).isEqualTo(3);
        assertThat(row.getByForce().getShould().getApplicable()).isEqualTo(3);
        assertThat(row.getByForce().getShould().getImplemented()).isEqualTo(2);
        assertThat(row.getByForce().getShould().getImplementationRate()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(row.getByForce().getShould().getProgressScore()).isCloseTo(8.0 / 12, within(1e-12));
        assertThat(row.getByForce().getOther().getReported()).isEqualTo(2);
        assertThat(row.getByForce().getOther().getApplicable()).isEqualTo(1);
        assertThat(row.getByForce().getOther().getImplementationRate()).isEqualTo(0.0);
        assertThat(row.getByForce().getOther().getProgressScore()).isEqualTo(0.25);
        assertThat(row.getReported()).isEqualTo(5);
        assertThat(row.getApplicable()).isEqualTo(4);
        assertThat(row.getImplementationRate()).isEqualTo(0.5);
        assertThat(row.getProgressScore()).isEqualTo(9.0 / 16);
        assertThat(row.getCounts().getCONSIDEREDNOTADOPTED()).isEqualTo(2);
        assertThat(row.getCounts().getALREADYINPLACE()).isEqualTo(1);
        assertThat(ComplianceRows.implemented(row.getCounts())).isEqualTo(2);
    }

    @Test
    void aCellCountedBeforeForceGroupsMovesIntoItsGroupWhenReResolved() {
        final ComplianceRow before = add(null, ImplementationStatus.IMPLEMENTED, null);
        assertThat(before.getReported()).isEqualTo(1);
        assertThat(before.getByForce().getShould().getReported() + before.getByForce().getOther().getReported())
            .as("in neither group").isZero();

        final ComplianceRow after = apply(before, contribution(ImplementationStatus.IMPLEMENTED, null),
            contribution(ImplementationStatus.IMPLEMENTED, true));

        assertThat(after.getReported()).isEqualTo(1);
        assertThat(after.getByForce().getShould().getReported()).isEqualTo(1);
        assertThat(after.getImplementationRate()).isEqualTo(1.0);
    }

    @Test
    void takingTheLastCellOutEmptiesTheRow() {
        final ComplianceRow one = add(null, ImplementationStatus.CONSIDERED_NOT_ADOPTED, false);
        assertThat(one.getApplicable()).isZero();
        assertThat(one.getImplementationRate()).isNull();
        assertThat(apply(one, contribution(ImplementationStatus.CONSIDERED_NOT_ADOPTED, false), null)).isNull();
    }

    private static ComplianceRow add(final ComplianceRow row, final ImplementationStatus status,
                                     final Boolean should) {
        return apply(row, null, contribution(status, should));
    }

    private static ComplianceRow apply(final ComplianceRow row, final Contribution minus, final Contribution plus) {
        return ComplianceRows.apply(row, ComplianceDelta.newBuilder().setDimension(Dimension.COUNTRY)
            .setReporterType(ReporterType.STATE).setKey("FRA").setLabel("France").setMinus(minus).setPlus(plus)
            .build(), 4, null, AT.toEpochMilli());
    }

    private static Contribution contribution(final ImplementationStatus status, final Boolean should) {
        return new Contribution(status, true, AT, should);
    }
}
