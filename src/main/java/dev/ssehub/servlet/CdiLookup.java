package dev.ssehub.servlet;

import jakarta.enterprise.inject.spi.BeanManager;
import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContext;

/**
 * Finds the application's beans from a servlet. Servlets are not injected: Weld can inject into
 * them on Tomcat, but on Jetty only with its CDI module, so lookup is what works everywhere.
 * Weld Servlet puts its BeanManager in the context; a full Jakarta EE server answers
 * {@link CDI#current()}.
 */
final class CdiLookup {

    private CdiLookup() {
    }

    static <T> T bean(ServletContext context, Class<T> type) {
        Object attribute = context.getAttribute(BeanManager.class.getName());
        if (attribute instanceof BeanManager beans) {
            return beans.createInstance().select(type).get();
        }
        return CDI.current().select(type).get();
    }
}
