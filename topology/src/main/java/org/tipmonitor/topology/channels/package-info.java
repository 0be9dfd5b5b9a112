/**
 * The one place that owns names: every topic ({@link org.tipmonitor.topology.channels.Topics}), state store
 * ({@link org.tipmonitor.topology.channels.StateStores}) and repartition
 * ({@link org.tipmonitor.topology.channels.Repartitions}) of tip-monitor is declared here once, as a typed object
 * that knows its name, its key and value serdes and, for topics, how the broker keeps it. The topology reads and
 * writes through these declarations, the runtime creates the topics from them and the API queries the stores by
 * them, so the part that writes and the part that reads cannot disagree on a name or a serde.
 *
 * <p>{@link org.tipmonitor.topology.channels.ComplianceTable} ties each compliance table to its topic, store and
 * delta repartition, and holds the rule that regions and sub-regions share one table.
 * {@link org.tipmonitor.topology.channels.Unpack} is how a processor with an outcome of several record types hands
 * each type to its own typed child.
 */
package org.tipmonitor.topology.channels;
