package com.saleskpi.channel;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of channels, within the caller's scope (CrudService). */
@Singleton
public class ChannelService extends CrudService<Channel> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "channels";

    public ChannelService(CrudSupport support) {
        super(Channel.class, "channel", COLLECTION, support);
    }
}
