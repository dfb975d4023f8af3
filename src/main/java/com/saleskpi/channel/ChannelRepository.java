package com.saleskpi.channel;

import java.util.UUID;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

@ApplicationScoped
public class ChannelRepository implements PanacheRepositoryBase<Channel, UUID> {
}
