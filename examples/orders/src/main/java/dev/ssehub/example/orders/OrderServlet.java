package dev.ssehub.example.orders;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/** {@code POST /orders?item=tea&quantity=2}; {@code &fail=true} makes the payment fail. */
@WebServlet("/orders")
public class OrderServlet extends HttpServlet {

    @Inject
    OrderService orders;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("application/json");
        try {
            Order order = orders.place(request.getParameter("item"), Integer.parseInt(request.getParameter("quantity")),
                    Boolean.parseBoolean(request.getParameter("fail")));
            response.setStatus(201);
            response.getWriter().print(order.toJson());
        } catch (NumberFormatException | NullPointerException badInput) {
            response.setStatus(400);
            response.getWriter().print("{\"error\":\"bad_request\",\"message\":\"item and a whole quantity are required\"}");
        } catch (Exception refused) {
            response.setStatus(409);
            response.getWriter().print("{\"error\":\"order_failed\",\"message\":" + Order.quote(refused.getMessage()) + "}");
        }
    }
}
