package org.tipmonitor.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

class InMemorySchemaRegistryTest {

    private final InMemorySchemaRegistry registry = new InMemorySchemaRegistry();
    private final Schema v1 = SchemaBuilder.record("Thing").fields().requiredString("name").endRecord();
    private final Schema v2 = SchemaBuilder.record("Thing").fields().requiredString("name")
            .name("size").type().intType().intDefault(0).endRecord();

    @Test
    void idsAreGlobalAndVersionsCountPerSubject() {
        final int id1 = registry.register("a-value", v1);
        final int id2 = registry.register("a-value", v2);

        assertThat(registry.register("a-value", v1)).isEqualTo(id1);
        assertThat(registry.register("b-value", v2)).isEqualTo(id2);
        assertThat(id2).isNotEqualTo(id1);
        assertThat(registry.latest("a-value")).isEqualTo(new RegisteredSchema(id2, 2, v2));
        assertThat(registry.latest("b-value")).isEqualTo(new RegisteredSchema(id2, 1, v2));
        assertThat(registry.getById(id1)).isEqualTo(v1);
        assertThat(registry.lookupId("b-value", v2)).isEqualTo(id2);
    }

    @Test
    void lookupNeverRegisters() {
        registry.register("a-value", v1);

        assertThatThrownBy(() -> registry.lookupId("b-value", v1))
                .isInstanceOf(SchemaNotRegisteredException.class)
                .hasMessage("Schema Thing is not registered under subject 'b-value' at mock://(unshared).");
        assertThatThrownBy(() -> registry.latest("b-value")).isInstanceOf(SchemaNotRegisteredException.class);
    }

    @Test
    void newVersionsMustBeBackwardCompatible() {
        final Schema withoutDefault = SchemaBuilder.record("Thing").fields().requiredString("name")
                .requiredInt("size").endRecord();
        registry.register("a-value", v1);

        assertThat(registry.isCompatible("a-value", v2)).isTrue();
        assertThat(registry.isCompatible("a-value", withoutDefault)).isFalse();
        assertThat(registry.isCompatible("new-subject", withoutDefault)).isTrue();
        assertThatThrownBy(() -> registry.register("a-value", withoutDefault))
                .isInstanceOf(IncompatibleSchemaException.class)
                .hasMessageContaining("field 'size' was added without a default value")
                .satisfies(e -> assertThat(((IncompatibleSchemaException) e).subject()).isEqualTo("a-value"));
    }
}
