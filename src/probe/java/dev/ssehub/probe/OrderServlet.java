package dev.ssehub.probe;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** A servlet of the application's own, with the service injected, as CDI on the container allows. */
public class OrderServlet extends HttpServlet {

    @Inject
    OrderService orders;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String order = request.getParameter("order");
        if ("hub".equals(request.getParameter("via"))) {
            response.getWriter().print(orders.orderShippedByHub(order).id());
        } else {
            orders.orderShippedByEvent(order);
            response.getWriter().print("fired");
        }
    }
}
