package com.saleskpi.campaign;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of campaigns, within the caller's scope (CrudService). */
@Singleton
public class CampaignService extends CrudService<Campaign> {

    public CampaignService(CampaignRepository repository, CrudSupport support) {
        super(repository, Campaign.class, "campaign", support);
    }
}
