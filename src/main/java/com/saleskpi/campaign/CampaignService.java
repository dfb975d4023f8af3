package com.saleskpi.campaign;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of campaigns, within the caller's scope (CrudService). */
@Singleton
public class CampaignService extends CrudService<Campaign> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "campaigns";

    public CampaignService(CrudSupport support) {
        super(Campaign.class, "campaign", COLLECTION, support);
    }
}
