package com.saleskpi.channel;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of channels, within the caller's scope (CrudService). */
@Singleton
public class ChannelService extends CrudService<Channel> {

    public ChannelService(ChannelRepository repository, CrudSupport support) {
        super(repository, Channel.class, "channel", support);
    }
}
