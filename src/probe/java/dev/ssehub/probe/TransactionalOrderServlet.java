package dev.ssehub.probe;

import dev.ssehub.hub.Publication;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import javax.naming.InitialContext;
import javax.naming.NamingException;

/**
 * Application code on a full server: a change and its domain event in one transaction of the
 * server's own JTA, committed or rolled back as the request asks. The transaction is looked up
 * when it is needed, so that this class loads on a servlet container without JTA too.
 */
public class TransactionalOrderServlet extends HttpServlet {

    @Inject
    Event<Publication> publications;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        boolean commit = "commit".equals(request.getParameter("outcome"));
        try {
            jakarta.transaction.UserTransaction transaction = InitialContext.doLookup("java:comp/UserTransaction");
            transaction.begin();
            try {
                publications.fire(Publication.of("orders", request.getParameter("order")));
            } finally {
                if (commit) {
                    transaction.commit();
                } else {
                    transaction.rollback();
                }
            }
        } catch (NamingException | jakarta.transaction.NotSupportedException | jakarta.transaction.SystemException
                | jakarta.transaction.RollbackException | jakarta.transaction.HeuristicMixedException
                | jakarta.transaction.HeuristicRollbackException e) {
            throw new ServletException(e);
        }
        response.getWriter().print(commit ? "committed" : "rolled back");
    }
}
