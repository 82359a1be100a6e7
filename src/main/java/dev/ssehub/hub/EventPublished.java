package dev.ssehub.hub;

/**
 * A CDI event: this node accepted a publish, from HTTP or from application code, and gave it an
 * id. In a cluster only the node that took the publish fires it.
 */
public record EventPublished(Publication publication, Receipt receipt) {
}
