package com.saleskpi.pricing;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of competitor prices, within the caller's scope (CrudService). */
@Singleton
public class CompetitorPriceService extends CrudService<CompetitorPrice> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "competitor-prices";

    public CompetitorPriceService(CrudSupport support) {
        super(CompetitorPrice.class, "competitor price", COLLECTION, support);
    }
}
