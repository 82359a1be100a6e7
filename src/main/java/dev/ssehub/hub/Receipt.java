package dev.ssehub.hub;

import java.util.List;

/** What a publish did: the id it got, its topics, and how many connections it was queued for. */
public record Receipt(String id, List<String> topics, int recipients) {
}
