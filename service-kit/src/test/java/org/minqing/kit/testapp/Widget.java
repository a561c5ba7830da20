package org.minqing.kit.testapp;

import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** Test-only aggregate whose every change emits an event through the outbox. */
@Entity
public class Widget extends PanacheEntityBase {
    @Id
    public UUID id;
    public String name;
    public String jurisdiction;
    public int version;
}
