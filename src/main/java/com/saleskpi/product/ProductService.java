package com.saleskpi.product;

import com.saleskpi.common.crud.CrudService;

import jakarta.inject.Singleton;

/** Reads, writes and imports of products, within the caller's scope (CrudService). */
@Singleton
public class ProductService extends CrudService<Product> {

    /** The collection's name in the API: its path, the sync feed's and the import's. */
    public static final String COLLECTION = "products";

    public ProductService(CrudSupport support) {
        super(Product.class, "product", COLLECTION, support);
    }
}
