package dev.ssehub.it.full;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ssehub.testing.Deployments;
import dev.ssehub.testing.EventStreamParser.Event;
import dev.ssehub.testing.HubHttp;
import dev.ssehub.testing.SseClient;
import java.net.URL;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * On a full Jakarta EE server (Payara, WildFly), with the server's own JTA: an application's
 * event fired inside a transaction reaches subscribers when the transaction commits, and never
 * when it rolls back. The servlet containers have no JTA, so only the full servers' executions
 * run this package.
 */
@ExtendWith(ArquillianExtension.class)
class TransactionalPublishIT {

    @ArquillianResource
    private URL base;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.hub("jta", Deployments.baseSettings(),
                Map.of("/orders-tx", "dev.ssehub.probe.TransactionalOrderServlet"));
    }

    @Test
    void anEventFiredInATransactionIsDeliveredOnCommitAndNeverOnRollback() {
        HubHttp hub = new HubHttp(base);
        try (SseClient subscriber = SseClient.open(hub.stream(List.of("orders"), null))) {
            await().until(() -> !subscriber.comments().isEmpty());
            assertThat(order(hub, "rolled-back-1", "rollback").body()).isEqualTo("rolled back");
            assertThat(order(hub, "committed-1", "commit").body()).isEqualTo("committed");
            assertThat(order(hub, "rolled-back-2", "rollback").body()).isEqualTo("rolled back");
            // a marker after the last rollback: once it is here, the rolled-back one would have been too
            String marker = hub.publishOk(Deployments.PUBLISHER, "{\"topic\":\"orders\",\"data\":\"marker\"}");
            List<Event> events = subscriber.awaitEvents(2);
            assertThat(events).extracting(Event::data).containsExactly("committed-1", "marker");
            assertThat(events.get(1).lastEventId()).isEqualTo(marker);
            assertThat(hub.stats().getJsonNumber("published").longValue()).isEqualTo(2);
        }
    }

    private static HttpResponse<String> order(HubHttp hub, String order, String outcome) {
        HttpResponse<String> response = hub.post("orders-tx?order=" + order + "&outcome=" + outcome, null,
                "application/x-www-form-urlencoded", "");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return response;
    }
}
