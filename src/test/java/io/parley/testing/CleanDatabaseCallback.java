package io.parley.testing;

import io.quarkus.arc.Arc;
import io.quarkus.test.junit.callback.QuarkusTestBeforeEachCallback;
import io.quarkus.test.junit.callback.QuarkusTestMethodContext;

/** Every @QuarkusTest test starts from the same known state: empty tables, default settings. */
public class CleanDatabaseCallback implements QuarkusTestBeforeEachCallback {

    @Override
    public void beforeEach(QuarkusTestMethodContext context) {
        Arc.container().instance(Database.class).get().reset();
        if (ProviderStandInResource.standIn() != null) {
            ProviderStandInResource.standIn().reset();
        }
        if (NewsroomIdpResource.idp() != null) {
            NewsroomIdpResource.idp().reset();
        }
    }
}
