package com.saleskpi.security;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * Dev mode only: the local Keycloak of scripts/keycloak-dev.sh, started with the service when nothing answers at the
 * identity provider's address, so that ./mvnw quarkus:dev is the whole quick start. Its log is target/keycloak-dev.log,
 * beside the service's; it stops when dev mode stops (not on a live reload, which finds it running by its pid file).
 */
@IfBuildProfile("dev")
@Singleton
public class DevKeycloak {

    private static final Logger LOG = Logger.getLogger(DevKeycloak.class);
    private static final Path PID = Path.of("target", "keycloak-dev.pid");
    private static final Path LOG_FILE = Path.of("target", "keycloak-dev.log");

    private final URI provider;
    private final boolean wanted;

    public DevKeycloak(@ConfigProperty(name = "quarkus.oidc.auth-server-url") String provider, Settings settings) {
        this.provider = URI.create(provider);
        this.wanted = settings.startKeycloak();
    }

    /** Dev mode's own settings (saleskpi.dev.*). */
    @io.smallrye.config.ConfigMapping(prefix = "saleskpi.dev")
    public interface Settings {
        /** Whether dev mode starts scripts/keycloak-dev.sh when nothing answers at the provider's address. */
        boolean startKeycloak();
    }

    void start(@Observes StartupEvent event) throws IOException {
        if (!wanted || answers() || running() || !Files.isExecutable(Path.of("scripts", "keycloak-dev.sh"))) {
            return;
        }
        Files.createDirectories(PID.getParent());
        Process keycloak = new ProcessBuilder("scripts/keycloak-dev.sh").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(LOG_FILE.toFile())).start();
        Files.writeString(PID, String.valueOf(keycloak.pid()));
        ProcessHandle handle = keycloak.toHandle();
        // at the end of dev mode (its JVM), not at a live reload
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            handle.descendants().forEach(ProcessHandle::destroy);
            handle.destroy();
            new File(PID.toString()).delete();
        }));
        LOG.infof("Started the local Keycloak for %s (scripts/keycloak-dev.sh; log: %s; first start downloads it, then ~20 s)",
                provider, LOG_FILE);
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(provider.getHost(), provider.getPort() < 0 ? 80 : provider.getPort()), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Started by an earlier start of this dev mode (a live reload runs this again), and still running. */
    private static boolean running() throws IOException {
        return Files.exists(PID) && ProcessHandle.of(Long.parseLong(Files.readString(PID).trim())).map(ProcessHandle::isAlive).orElse(false);
    }
}
