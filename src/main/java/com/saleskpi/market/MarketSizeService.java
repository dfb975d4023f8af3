package com.saleskpi.market;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of market sizes (CrudService): reference data, which admins write and every role reads. */
@Singleton
public class MarketSizeService extends CrudService<MarketSize> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "market-sizes";

    public MarketSizeService(CrudSupport support) {
        super(MarketSize.class, "market size", COLLECTION, support);
    }
}
