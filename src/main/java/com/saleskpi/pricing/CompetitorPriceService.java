package com.saleskpi.pricing;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of competitor prices, within the caller's scope (CrudService). */
@Singleton
public class CompetitorPriceService extends CrudService<CompetitorPrice> {

    public CompetitorPriceService(CompetitorPriceRepository repository, CrudSupport support) {
        super(repository, CompetitorPrice.class, "competitor price", support);
    }
}
