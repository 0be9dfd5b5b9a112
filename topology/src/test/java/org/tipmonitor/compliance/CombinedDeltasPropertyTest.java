package org.tipmonitor.compliance;

/**
 * {@link RandomSubmissionsPropertyTest} with the deltas of each row combined as in production, flushed every 40
 * submissions on average: a row's task then receives net changes of many cells, in any order, and the tables must
 * still be those of the plain computation.
 */
class CombinedDeltasPropertyTest extends RandomSubmissionsPropertyTest {

    @Override
    protected boolean combinesDeltas() {
        return true;
    }
}
