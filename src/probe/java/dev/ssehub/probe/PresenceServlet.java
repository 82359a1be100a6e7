package dev.ssehub.probe;

import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** Shows what {@link Presence} has seen, for the tests to read. */
public class PresenceServlet extends HttpServlet {

    @Inject
    Presence presence;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        var online = Json.createObjectBuilder();
        presence.online().forEach(online::add);
        response.getWriter().print(Json.createObjectBuilder()
                .add("online", online)
                .add("closes", Json.createArrayBuilder(presence.closes()))
                .add("published", Json.createArrayBuilder(presence.published()))
                .build());
    }
}
