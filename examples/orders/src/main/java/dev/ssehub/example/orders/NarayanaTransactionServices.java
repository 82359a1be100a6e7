package dev.ssehub.example.orders;

import com.arjuna.ats.jta.TransactionManager;
import com.arjuna.ats.jta.UserTransaction;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.SystemException;
import jakarta.transaction.Transaction;
import org.jboss.weld.transaction.spi.TransactionServices;

/**
 * Tells Weld about Narayana's transactions, so that transactional observers (the hub's among
 * them) run after the commit, and gives the application {@code @Inject UserTransaction}. A full
 * Jakarta EE server does this itself; a servlet container with Weld Servlet needs this one class,
 * listed in META-INF/services, and Weld's weld-jta module.
 */
public class NarayanaTransactionServices implements TransactionServices {

    @Override
    public void registerSynchronization(Synchronization observer) {
        try {
            Transaction transaction = TransactionManager.transactionManager().getTransaction();
            transaction.registerSynchronization(observer);
        } catch (Exception e) {
            throw new IllegalStateException("cannot register with the current transaction", e);
        }
    }

    @Override
    public boolean isTransactionActive() {
        try {
            int status = TransactionManager.transactionManager().getStatus();
            return status == Status.STATUS_ACTIVE || status == Status.STATUS_MARKED_ROLLBACK
                    || status == Status.STATUS_PREPARED || status == Status.STATUS_PREPARING
                    || status == Status.STATUS_COMMITTING || status == Status.STATUS_ROLLING_BACK;
        } catch (SystemException e) {
            return false;
        }
    }

    @Override
    public jakarta.transaction.UserTransaction getUserTransaction() {
        return UserTransaction.userTransaction();
    }

    @Override
    public void cleanup() {
        // nothing held
    }
}
