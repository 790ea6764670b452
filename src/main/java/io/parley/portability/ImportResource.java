package io.parley.portability;

import io.parley.common.error.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** An import job's state; the job itself is created by ImportRoute from the uploaded file. */
@Path("/admin/v1/imports")
@RolesAllowed("admin")
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    private final ImportJobs jobs;

    ImportResource(ImportJobs jobs) {
        this.jobs = jobs;
    }

    @GET
    @Path("/{id}")
    public ImportJobs.JobView job(@PathParam("id") long id) {
        return jobs.find(id).orElseThrow(() -> ProblemException.notFound("No such import", "Import " + id + " does not exist."));
    }
}
