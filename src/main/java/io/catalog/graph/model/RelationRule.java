package io.catalog.graph.model;

/**
 * One spec field that refers to other entities, and the relation it makes.
 *
 * @param field       the spec field, holding a reference or an array of references
 * @param defaultKind the kind of references that leave it out, or null when they must name one
 * @param type        the relation from the entity to each referenced entity; the inverse goes back
 */
record RelationRule(String field, String defaultKind, String type) {
}
